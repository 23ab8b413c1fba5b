#!/usr/bin/env python3
# Hostile load on POST /webhook: N concurrent unauthenticated chunked bodies of SIZE MB each, all at once.
# Prints the statuses the clients saw (the service answers 413 or 503; "closed": no answer before the close).
# Usage: bench/webhook-attack.py PORT [N=40] [SIZE_MB=25]   (against truce serve, e.g. with java -Xmx512m)
import socket, sys, threading, time, collections
port = int(sys.argv[1]); n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
size = (int(sys.argv[3]) if len(sys.argv) > 3 else 25) * 1024 * 1024
results = collections.Counter(); written = []
def one(i):
    s = socket.create_connection(("127.0.0.1", port)); s.settimeout(60)
    s.sendall(("POST /webhook HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nX-GitHub-Event: push\r\n"
               "X-GitHub-Delivery: d%d\r\nX-Hub-Signature-256: sha256=00\r\n\r\n" % i).encode())
    block = b"x" * 65536; sent = 0; status = "closed"
    try:
        while sent < size:
            s.sendall(b"%x\r\n" % len(block) + block + b"\r\n"); sent += len(block)
        s.sendall(b"0\r\n\r\n")
    except OSError:
        pass
    try:
        line = s.makefile("rb").readline().decode()
        status = line.split(" ")[1] if line else "closed"
    except OSError:
        pass
    results[status] += 1; written.append(sent); s.close()
start = time.time()
threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
[t.start() for t in threads]; [t.join() for t in threads]
print("statuses", dict(results), "max MB written by one client %.1f" % (max(written) / 1e6), "in %.1fs" % (time.time() - start))
