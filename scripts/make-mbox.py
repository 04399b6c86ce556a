#!/usr/bin/env python3
"""Writes a synthetic mbox of about a given size with Python's `mailbox` module.

    scripts/make-mbox.py OUT.mbox SIZE [--seed N] [--people N]

SIZE in bytes, or with a K, M or G suffix (powers of 1024). Messages have
From/To/Cc with display names (quoted ones with commas, and non-ASCII names
as RFC 2047 encoded words), Date, Message-ID, In-Reply-To and References on
about a third (replies to earlier messages), List-Id and Precedence on about
a tenth, and bodies of 1 to 6 KB of text (some lines start with "From ",
which the mailbox module escapes as ">From "). The same seed gives the same
file. Used for the mbox speed comparison (Benchmarks/NOTES.md, issue 23).
"""
import argparse
import email.utils
import mailbox
import os
import random
import time

FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Linus",
         "Jörg", "Zoë", "Renée", "Łukasz", "Søren", "José", "Björn", "Ægir", "Иван", "李"]
LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman",
        "Torvalds", "Müller", "Dupont", "Lefèvre", "Nowak", "Kierkegaard", "García", "Ström", "Petrov", "Wang"]
DOMAINS = ["example.org", "example.com", "mail.example.net", "corp.example", "uni.example.edu"]
WORDS = ("the of and to in is that for it as with was on be by this are from at or an which have not "
         "meeting project review budget draft schedule update call notes agenda thanks regards").split()


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1].upper() in units:
        return int(float(text[:-1]) * units[text[-1].upper()])
    return int(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("size")
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--people", type=int, default=20000)
    args = ap.parse_args()
    target = parse_size(args.size)
    rng = random.Random(args.seed)

    people = []
    for i in range(args.people):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        address = f"{first.lower()[:1]}{i}.{last.lower()[:6]}@{rng.choice(DOMAINS)}"
        address = address.encode("ascii", "ignore").decode() if not address.isascii() else address
        style = rng.random()
        if style < 0.5:
            name = f"{first} {last}"
        elif style < 0.7:
            name = f"{last}, {first}"  # quoted: has a comma
        elif style < 0.8:
            name = ""
        else:
            name = f"{first} {last} (Example)"
        people.append((name, address))
    lists = [f"Team {k} <team{k}.lists.example.org>" for k in range(20)]

    # A block of text lines bodies are cut from.
    lines = []
    for _ in range(20000):
        n = rng.randint(3, 14)
        line = " ".join(rng.choice(WORDS) for _ in range(n))
        if rng.random() < 0.01:
            line = "From " + line
        lines.append(line)
    text = "\n".join(lines) + "\n"

    def who():
        # Skewed: a few people write most mail.
        return people[min(int(rng.paretovariate(1.2)) - 1, len(people) - 1) if rng.random() < 0.5
                      else rng.randrange(len(people))]

    if os.path.exists(args.out):
        os.remove(args.out)
    box = mailbox.mbox(args.out, create=True)
    ids = []
    written = 0
    n = 0
    day = 1577836800  # 2020-01-01
    while written < target:
        n += 1
        sender = who()
        to = [who() for _ in range(rng.choice([1, 1, 1, 2, 3, 4]))]
        cc = [who() for _ in range(rng.choice([0, 0, 0, 1, 2, 3]))]
        day += rng.randint(0, 600)
        msg = mailbox.mboxMessage()
        msg["From"] = email.utils.formataddr(sender)
        msg["To"] = ", ".join(email.utils.formataddr(p) for p in to)
        if cc:
            msg["Cc"] = ", ".join(email.utils.formataddr(p) for p in cc)
        msg["Date"] = email.utils.formatdate(day)
        mid = f"<{n}.{rng.getrandbits(32):08x}@{sender[1].split('@')[1]}>"
        msg["Message-ID"] = mid
        if ids and rng.random() < 0.33:
            parent = ids[rng.randrange(max(0, len(ids) - 500), len(ids))]
            msg["In-Reply-To"] = parent
            msg["References"] = parent
        if rng.random() < 0.1:
            msg["List-Id"] = rng.choice(lists)
            msg["Precedence"] = "list"
        msg["Subject"] = " ".join(rng.choice(WORDS) for _ in range(5))
        msg["MIME-Version"] = "1.0"
        msg["Content-Type"] = "text/plain; charset=utf-8"
        start = rng.randrange(len(text) - 8000)
        start = text.index("\n", start) + 1
        end = text.index("\n", start + rng.randint(1000, 6000)) + 1
        msg.set_payload(text[start:end])
        msg.set_from(sender[1], time.gmtime(day))
        ids.append(mid)
        if len(ids) > 5000:
            del ids[:1000]
        box.add(msg)
        if n % 2000 == 0:
            box.flush()
            written = os.path.getsize(args.out)
    box.close()
    print(f"{args.out}: {n} messages, {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
