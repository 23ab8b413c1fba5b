#!/usr/bin/env python3
# Acknowledgement latency of POST /webhook: TOTAL signed pull_request deliveries (each body made distinct) sent at
# RATE per second, one connection each; prints the statuses and latency percentiles. The client shares the machine.
# Usage: bench/webhook-latency.py PORT SECRET RATE TOTAL PAYLOAD.json
#   e.g. bench/webhook-latency.py 8080 "$TRUCE_GITHUB_WEBHOOKSECRET" 200 4000 src/test/resources/github/webhooks/pull_request_opened.json
import hashlib, hmac, http.client, json, sys, threading, time, uuid, collections
port = int(sys.argv[1]); secret = sys.argv[2].encode(); rate = int(sys.argv[3]); total = int(sys.argv[4])
fixture = open(sys.argv[5]).read()
lat = []; statuses = collections.Counter(); lock = threading.Lock()
def send(i):
    body = fixture.replace('{', '{"n": "%s", ' % uuid.uuid4(), 1).encode()
    sig = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t = time.perf_counter()
    c.request("POST", "/webhook", body, {"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": str(uuid.uuid4()),
              "X-Hub-Signature-256": sig, "Content-Type": "application/json"})
    r = c.getresponse(); r.read(); d = time.perf_counter() - t; c.close()
    with lock:
        lat.append(d); statuses[r.status] += 1
threads = []
start = time.perf_counter()
for i in range(total):
    target = start + i / rate
    now = time.perf_counter()
    if target > now: time.sleep(target - now)
    th = threading.Thread(target=send, args=(i,)); th.start(); threads.append(th)
[t.join() for t in threads]
lat.sort()
p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
print("statuses", dict(statuses), "p50 %.1f ms p99 %.1f ms max %.1f ms" % (p(0.5), p(0.99), lat[-1] * 1000))
