#!/usr/bin/env python3
"""Runs a container image tar (OCI layout, as `jib:buildTar` writes it) without a container engine, for checks on a
machine that has none: its layers are unpacked in order into a folder, and its entrypoint and command run there as
its user, with its environment and working directory, in new mount and PID namespaces (unshare) with /proc and
/dev, chrooted. Needs root (for chroot and unshare), as CI has. Extra arguments are appended to the command.

    deploy/image/run-image.py target/jib-image.tar ROOTFS [ARG...]
    deploy/image/run-image.py target/jib-image.tar ROOTFS --entrypoint COMMAND [ARG...]   # another command

It is not isolation: the network and the rest of the kernel are the host's. It shows what the image holds and that
it runs as built. unshare ignores SIGTERM while it waits: stop the image by signalling its process (the child)."""
import gzip, io, json, os, sys, tarfile


def blob(image, digest):
    return image.extractfile("blobs/sha256/" + digest.split(":", 1)[1]).read()


def main():
    tar_path, rootfs, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    with tarfile.open(tar_path) as image:
        index = json.loads(image.extractfile("index.json").read())
        manifest = json.loads(blob(image, index["manifests"][0]["digest"]))
        config = json.loads(blob(image, manifest["config"]["digest"]))["config"]
        if not os.path.isdir(os.path.join(rootfs, "usr")):
            os.makedirs(rootfs, exist_ok=True)
            for layer in manifest["layers"]:
                data = blob(image, layer["digest"])
                if layer["mediaType"].endswith("gzip"):
                    data = gzip.decompress(data)
                with tarfile.open(fileobj=io.BytesIO(data)) as files:
                    files.extractall(rootfs, numeric_owner=True, filter="fully_trusted")
    user = config.get("User", "0:0")
    if extra[:1] == ["--entrypoint"]:
        command = extra[1:]
    else:
        command = config.get("Entrypoint", []) + config.get("Cmd", []) + extra
    env = ["%s" % e for e in config.get("Env", [])]
    # The host's env(1) and chroot(1) start the image's entrypoint: the image itself has no shell to do it.
    # (chroot(1) starts it in /, not in the image's working directory; Truce's paths are absolute.)
    script = 'mount --bind /dev "$0/dev" && exec env -i "$@"'
    os.execvp("unshare", ["unshare", "--mount", "--pid", "--fork", "--kill-child=SIGTERM",
                          "--mount-proc=" + os.path.join(rootfs, "proc"),
                          "sh", "-c", script, rootfs] + env + ["chroot", "--userspec=" + user, rootfs] + command)


if __name__ == "__main__":
    main()
