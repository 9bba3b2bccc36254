"""The benchmark's reference: a straightforward sequential POP3 checker with Python's poplib.

Signs in with USER/PASS, then STAT, UIDL, and one TOP n 0 per message not in the known-UID
file, then QUIT: what a simple notifier does. Prints one JSON line: {"count", "new", "ms"},
where ms is the session's time from connect to the end of QUIT.
Usage: reference_client.py HOST PORT USER KNOWN_UIDS_FILE  (password in POPBIFF_PASSWORD)
"""
import json
import os
import poplib
import sys
import time


def main() -> None:
    host, port, user, known_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(known_file, encoding="ascii") as f:
        known = set(f.read().split())
    start = time.perf_counter()
    pop = poplib.POP3(host, port, timeout=120)
    pop.user(user)
    pop.pass_(os.environ["POPBIFF_PASSWORD"])
    count, _size = pop.stat()
    _resp, listing, _octets = pop.uidl()
    new = 0
    for line in listing:
        number, uid = line.decode("ascii").split(" ", 1)
        if uid not in known:
            pop.top(int(number), 0)
            new += 1
    pop.quit()
    ms = (time.perf_counter() - start) * 1000
    print(json.dumps({"count": count, "new": new, "ms": round(ms, 1)}))


if __name__ == "__main__":
    main()
