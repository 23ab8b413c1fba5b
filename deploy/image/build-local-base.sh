#!/usr/bin/env bash
# Assembles Truce's container base image as a `docker save` tar, offline from Jib's point of view: Debian 12
# packages (glibc, libstdc++, zlib, time zones, /etc/services, and OpenJDK 17's headless runtime) extracted without
# their maintainer scripts, no shell, no package manager, a non-root user `nonroot` (65532) whose home
# /home/nonroot is the data volume. It stands in for gcr.io/distroless/java17-debian12:nonroot (the same Debian
# release, Java and user) where that registry cannot be reached; with network, Jib pulls distroless instead.
#
#   deploy/image/build-local-base.sh [OUT]     (default OUT: target/base-image/base.tar)
#
# Needs apt-get (Debian's package index: run `apt-get update` first), dpkg-deb and python3. The Maven build uses the
# tar when it exists (profile local-base-image in pom.xml): `./mvnw package` then writes target/jib-image.tar.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(realpath -m "${1:-target/base-image/base.tar}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
packages=(base-files netbase tzdata libc6 libgcc-s1 libstdc++6 zlib1g openjdk-17-jre-headless)
(cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "${packages[@]}")
mkdir -p "$work/rootfs"
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/rootfs"
done
root="$work/rootfs"
# What a runtime image does not need: documentation, manuals, translations, package-manager leftovers.
rm -rf "$root"/usr/share/{doc,man,info,lintian,locale} "$root"/usr/share/common-licenses "$root"/var/lib/dpkg
# Java's trust store is made by ca-certificates-java's maintainer script, which does not run here: take the build
# machine's (Debian's CA list in Java's format).
test -s /etc/ssl/certs/java/cacerts || { echo "no /etc/ssl/certs/java/cacerts: install ca-certificates-java" >&2; exit 1; }
mkdir -p "$root/etc/ssl/certs/java"
cp /etc/ssl/certs/java/cacerts "$root/etc/ssl/certs/java/cacerts"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' \
  > "$root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$root/etc/group"
mkdir -p "$root/home/nonroot" "$root/tmp" "$root/root"
java_home=/usr/lib/jvm/java-17-openjdk-amd64
test -x "$root$java_home/bin/java"
versions="$(for deb in "$work"/*.deb; do dpkg-deb --show --showformat='${Package}=${Version} ' "$deb"; done)"
mkdir -p "$(dirname "$out")"
python3 - "$root" "$out" "$java_home" "$versions" <<'PY'
import hashlib, io, json, os, sys, tarfile

root, out, java_home, versions = sys.argv[1:5]
owned_by_nonroot = {"home/nonroot"}
layer = io.BytesIO()
with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(dirs) + sorted(files):
            path = os.path.join(directory, name)
            arcname = os.path.relpath(path, root)
            info = tar.gettarinfo(path, arcname)
            info.mtime = 0
            info.uid = info.gid = 65532 if arcname in owned_by_nonroot else 0
            info.uname = info.gname = "nonroot" if arcname in owned_by_nonroot else "root"
            if arcname == "tmp":
                info.mode = 0o1777
            if info.isreg():
                with open(path, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
data = layer.getvalue()
diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
config = {
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "Env": ["PATH=" + java_home + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "JAVA_HOME=" + java_home, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt", "LANG=C.UTF-8"],
        "User": "65532:65532",
        "WorkingDir": "/home/nonroot",
        "Labels": {"org.opencontainers.image.description":
                   "Truce's local base: Debian 12 packages " + versions.strip()},
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "deploy/image/build-local-base.sh"}],
}
config_bytes = json.dumps(config, indent=1).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
layer_name = diff_id[7:] + "/layer.tar"
manifest = [{"Config": config_name, "RepoTags": ["truce-base:local"], "Layers": [layer_name]}]
with tarfile.open(out, "w") as image:
    for name, content in ((layer_name, data), (config_name, config_bytes),
                          ("manifest.json", json.dumps(manifest).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(content)
        image.addfile(info, io.BytesIO(content))
print("base image:", out, "layer", len(data) // (1024 * 1024), "MiB,", versions.strip())
PY
