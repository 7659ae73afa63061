#!/usr/bin/env python3
"""Adds up the strict totals of the eval reports in a folder (written by tests/tools/eval-all.sh).
  python3 tests/tools/eval-totals.py OUTDIR [--sets]   (--sets: one line per set too)"""
import glob, os, re, sys

folder, per_set = sys.argv[1], '--sets' in sys.argv[2:]
passed = total = missed = urgent = alarms = ordinary = 0
for path in sorted(glob.glob(os.path.join(folder, '*.txt'))):
    text = open(path, encoding='utf-8').read()
    overall = re.search(r'^overall (\d+)/(\d+)', text, re.M)
    miss = re.search(r'^missed emergencies and crises (\d+) of (\d+)', text, re.M)
    false = re.search(r'^false alarms (\d+) of (\d+)', text, re.M)
    if not (overall and miss and false):
        sys.exit(f'{path}: no totals (the eval did not finish; see the file)')
    passed += int(overall[1]); total += int(overall[2]); missed += int(miss[1]); urgent += int(miss[2])
    alarms += int(false[1]); ordinary += int(false[2])
    if per_set:
        print(f'{os.path.basename(path)[:-4]:28} {overall[1]}/{overall[2]}  missed {miss[1]}  false alarms {false[1]}')
if total == 0:
    sys.exit(f'{folder}: no eval reports')
print(f'{passed}/{total} ({100 * passed / total:.1f}%) strict, missed {missed} of {urgent} emergencies and crises, '
      f'false alarms {alarms} of {ordinary}')
