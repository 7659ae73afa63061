#!/usr/bin/env python3
"""Writes tests/load/messages.txt: the distinct messages (`q`) of the eval sets, one url-encoded line each, for sms.lua.
Usage: python3 tests/load/messages.py [extra.yaml ...]   (the repository's tests/eval/*.yaml are always read)"""
import glob, os, sys, urllib.parse
import yaml

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
files = sorted(glob.glob(os.path.join(root, "tests", "eval", "*.yaml"))) + sys.argv[1:]
seen, lines = set(), []
for path in files:
    for item in yaml.safe_load(open(path, encoding="utf-8")) or []:
        text = " ".join(str(item.get("q", "")).split())
        if text and text not in seen:
            seen.add(text)
            lines.append(urllib.parse.quote_plus(text))
with open(os.path.join(root, "tests", "load", "messages.txt"), "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
print(f"{len(lines)} distinct messages from {len(files)} files")
