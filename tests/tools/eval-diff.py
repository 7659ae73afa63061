#!/usr/bin/env python3
"""Items that pass in one eval run and fail in the other (folders written by tests/tools/eval-all.sh), set by set.
  python3 tests/tools/eval-diff.py BEFORE AFTER"""
import glob, os, re, sys

def failures(path):
    found = {}
    for line in open(path, encoding='utf-8'):
        m = re.match(r'FAIL (\S+) \[(\w+)\] (.*)', line)
        if m:
            found[f'{m[1]} [{m[2]}]'] = m[3]
    return found

before, after = sys.argv[1], sys.argv[2]
fixed = broken = 0
for path in sorted(glob.glob(os.path.join(before, '*.txt'))):
    name = os.path.basename(path)
    other = os.path.join(after, name)
    if not os.path.exists(other):
        continue
    was, now = failures(path), failures(other)
    for item in was.keys() - now.keys():
        fixed += 1
        print(f'FIXED  {name[:-4]} {item}  (was: {was[item][:140]})')
    for item in now.keys() - was.keys():
        broken += 1
        print(f'BROKEN {name[:-4]} {item}  {now[item][:140]}')
print(f'fixed {fixed}, broken {broken}')
