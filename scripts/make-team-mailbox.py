#!/usr/bin/env python3
"""Writes datasets/team/mail/mary-reed.mbox: a small, seeded, fully synthetic
mailbox of the bundled team's Mary Reed (headers that matter, short bodies).

    python3 scripts/make-team-mailbox.py [datasets/team]

Made with Python's own `mailbox` and `email` packages, so the file is what a
real mail program would write. What it holds:
  - 1:1 threads between Mary and 24 of her contacts (replies carry
    In-Reply-To, so they count as reciprocity);
  - small group threads (Mary plus 2-3 contacts on To/Cc) that put together
    contacts with no tie in ties.csv: co-recipient ties that exist nowhere else;
  - a thread with 3 people the network does not know (new people from mail);
  - newsletters with List-Id / Precedence: bulk, which are set aside.
The same seed gives the same bytes (fixed dates, fixed `From ` lines).
"""
import csv
import email.utils
import mailbox
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

SEED = 11
OWNER = "Mary Reed"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "datasets/team"
    people = list(csv.DictReader(open(os.path.join(root, "people.csv"), encoding="utf-8")))
    by_id = {p["id"]: p for p in people}
    mary = next(p for p in people if p["name"] == OWNER)
    tied = set()
    contacts = []
    for t in csv.DictReader(open(os.path.join(root, "ties.csv"), encoding="utf-8")):
        tied.add((t["source"], t["target"]))
        tied.add((t["target"], t["source"]))
        if mary["id"] in (t["source"], t["target"]):
            other = t["target"] if t["source"] == mary["id"] else t["source"]
            if by_id[other]["email"]:
                contacts.append(other)
    contacts = sorted(set(contacts), key=int)
    rng = random.Random(SEED)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    messages = []
    counter = [0]

    def address(p):
        return email.utils.formataddr((p["name"], p["email"]))

    def message(sender, to, cc, day, subject, reply_to=None, extra=None):
        counter[0] += 1
        m = EmailMessage()
        m["From"] = sender
        m["To"] = ", ".join(to)
        if cc:
            m["Cc"] = ", ".join(cc)
        when = start + timedelta(days=day, minutes=rng.randrange(0, 600))
        m["Date"] = email.utils.format_datetime(when)
        m["Subject"] = subject
        mid = f"<team-{SEED}-{counter[0]}@mail.willowgoods.example>"
        m["Message-ID"] = mid
        if reply_to:
            m["In-Reply-To"] = reply_to
            m["References"] = reply_to
        for k, v in (extra or {}).items():
            m[k] = v
        m.set_content("Synthetic message body; Liaison reads headers only.\n")
        messages.append((when, m))
        return mid

    me = address(mary)
    # 1:1 threads with 24 contacts, most answered.
    for i, c in enumerate(rng.sample(contacts, 24)):
        p = by_id[c]
        day = rng.randrange(0, 240)
        first = message(me, [address(p)], [], day, f"Catching up ({i + 1})")
        if rng.random() < 0.75:
            message(address(p), [me], [], day + rng.randrange(1, 5), f"Re: Catching up ({i + 1})", reply_to=first)
    # Group threads that join contacts who have no tie between them.
    groups = 0
    while groups < 8:
        group = rng.sample(contacts, rng.choice([2, 3]))
        if all((a, b) in tied for a in group for b in group if a != b):
            continue
        groups += 1
        people_in = [address(by_id[c]) for c in group]
        day = rng.randrange(0, 240)
        first = message(me, people_in[:1], people_in[1:], day, f"Introducing you to each other ({groups})")
        message(people_in[1], [me] + people_in[:1], people_in[2:], day + 1,
                f"Re: Introducing you to each other ({groups})", reply_to=first)
    # People the network does not know.
    new = [("Tomás Aguilar", "tomas@harbourworks.example"), ("Wen Li", "wen.li@harbourworks.example"),
           ("Ines Duarte", "ines@harbourworks.example")]
    new_addresses = [email.utils.formataddr(n) for n in new]
    for k in range(3):
        day = 200 + 7 * k
        first = message(me, new_addresses[:2], new_addresses[2:], day, f"Harbourworks pilot ({k + 1})")
        message(new_addresses[k], [me], [a for a in new_addresses if a != new_addresses[k]], day + 1,
                f"Re: Harbourworks pilot ({k + 1})", reply_to=first)
    # Newsletters: set aside as list mail, not ties.
    for k in range(4):
        message("Retail Weekly <news@retailweekly.example>", [me], [], 30 * k + 3, f"Retail Weekly #{k + 1}",
                extra={"List-Id": "Retail Weekly <weekly.retailweekly.example>", "Precedence": "bulk"})

    messages.sort(key=lambda x: (x[0], x[1]["Message-ID"]))
    folder = os.path.join(root, "mail")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "mary-reed.mbox")
    if os.path.exists(path):
        os.remove(path)
    box = mailbox.mbox(path, create=True)
    box.lock()
    try:
        for when, m in messages:
            mm = mailbox.mboxMessage(m)
            sender = email.utils.parseaddr(m["From"])[1]
            mm.set_from(sender, when.utctimetuple())
            box.add(mm)
        box.flush()
    finally:
        box.unlock()
        box.close()
    print(f"wrote {path}: {len(messages)} messages")


if __name__ == "__main__":
    main()
