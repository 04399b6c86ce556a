#!/usr/bin/env python3
"""The Python baseline for reading an mbox's headers (Benchmarks/NOTES.md, issue 23).

    python3 Benchmarks/peers/mbox_headers.py FILE.mbox

Iterates the mailbox with the standard library only (`mailbox.mbox`, each
message's headers parsed by `email.parser.BytesHeaderParser`), takes the
addresses of From, To and Cc with `email.utils.getaddresses`, and counts
people (distinct addresses, lower case) and sender→recipient pairs. It does
about what `liaison stats FILE.mbox` reads of a message; Liaison also decodes
encoded words, sets bulk mail aside and builds the graph.
"""
import email.parser
import email.utils
import mailbox
import sys


def main():
    parser = email.parser.BytesHeaderParser()
    box = mailbox.mbox(sys.argv[1], factory=lambda f: parser.parse(f), create=False)
    people = set()
    pairs = set()
    messages = 0
    for msg in box:
        messages += 1
        senders = [a.lower() for _, a in email.utils.getaddresses(msg.get_all("From", [])) if "@" in a]
        recipients = [a.lower() for _, a in email.utils.getaddresses(msg.get_all("To", []) + msg.get_all("Cc", []))
                      if "@" in a]
        people.update(senders)
        people.update(recipients)
        for s in senders:
            for r in recipients:
                if r != s:
                    pairs.add((s, r))
    print(f"{messages} messages, {len(people)} people, {len(pairs)} sender-recipient pairs")


if __name__ == "__main__":
    main()
