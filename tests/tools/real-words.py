#!/usr/bin/env python3
"""Writes bot/Safety/RealWords.txt: correctly spelled English and Spanish words that the safety phrases' typo tolerance
would otherwise read as one of their words ("overreacting" as "overheating", "conscious" as "unconscious").

Crisis phrases are matched on stems, so the typo tolerance compares stems there: the Spanish stem of "Avenue" ("avenu")
is one letter from "avent" (of "aventarme"), and "alentarlo" ("alent") too. The file also lists the stems of real words
that sit that close to a crisis phrase's stem, unless the word is a form of the same verb or noun (a word of the phrase's
own language that differs from the stem only in its last letter or two: "desaparezco" stays a typo-tolerant "desaparecer").

Needs the Debian packages wamerican, wspanish, hunspell-es, hunspell-tools, python3-snowballstemmer and python3-levenshtein (the stemmers are the
Snowball ones the bot uses). Run from the repository root after adding phrase words to knowledge/safety.yaml:
  /usr/bin/python3 tests/tools/real-words.py
The same distance rule as PhraseMatcher.SameWord: no typo under 5 letters, one up to 8, two from 9 on."""
import re, subprocess, sys, unicodedata, yaml
import Levenshtein, snowballstemmer

def tokens(text):
    text = unicodedata.normalize('NFD', text.lower())
    text = ''.join(c for c in text if unicodedata.category(c) != 'Mn').replace("'", '').replace('\u2019', '')
    return re.findall(r'[a-z0-9ñ]+', text)

def distance(a, b, most):
    """Optimal string alignment distance, stopping early past `most`."""
    if abs(len(a) - len(b)) > most or Levenshtein.distance(a, b) > 2 * most:
        return most + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > most:
            return most + 1
        previous2, previous = previous, row
    return previous[-1]

def allowed(a, b):
    shorter = min(len(a), len(b))
    return 0 if shorter < 5 else 1 if shorter < 9 else 2

def words_of(node, into, skip=('examples', 'reply', 'name')):
    if isinstance(node, str):
        into.update(tokens(node))
    elif isinstance(node, list):
        for item in node:
            words_of(item, into, skip)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                words_of(value, into, skip)
    return into

safety = yaml.safe_load(open('knowledge/safety.yaml', encoding='utf-8'))
phrase_words = words_of({k: v for k, v in safety.items() if k != 'examples'}, set())

dictionaries = {}
for language, path in (('en', '/usr/share/dict/american-english'), ('es', '/usr/share/dict/spanish')):
    words = set()
    for line in open(path, encoding='utf-8', errors='ignore'):
        word = line.strip()
        if word and not word[0].isupper():
            words.update(tokens(word))
    dictionaries[language] = words
dictionary = dictionaries['en'] | dictionaries['es']

# wspanish lists few verb forms: "copio" (copió) is not in it, so the typo tolerance read "¿se la copio aquí?" as "se la
# comió". Hunspell's Spanish dictionary, expanded with its affix rules, has every form. A form is listed only when it is
# not a form of the phrase word it is near (the two differ before their last two letters: "copio" and "comio" do,
# "respiro" and "respira" do not, so "no respiro" stays a typo-tolerant "no respira").
forms = set()
for line in subprocess.run(['unmunch', '/usr/share/hunspell/es_MX.dic', '/usr/share/hunspell/es_MX.aff'],
                           capture_output=True, check=True).stdout.decode('utf-8', errors='ignore').splitlines():
    word = line.strip()
    if word and not word[0].isupper():
        forms.update(tokens(word))
forms -= dictionary

def same_form(word, target):
    shorter = min(len(word), len(target))
    common = 0
    while common < shorter and word[common] == target[common]:
        common += 1
    return common >= shorter - 2

def near(candidates, targets):
    """The candidates within typo distance of one of the targets (5 letters or more)."""
    by_length = {}
    for word in candidates:
        by_length.setdefault(len(word), []).append(word)
    found = set()
    for target in targets:
        if len(target) < 5:
            continue
        for length in range(len(target) - 2, len(target) + 3):
            for word in by_length.get(length, []):
                most = allowed(word, target)
                if most and word not in found and distance(word, target, most) <= most:
                    found.add(word)
    return found

# A plural or possessive of a phrase word ("somebodys"), or the singular of one ("pill"), stays that word, as the typo
# tolerance always read it: it is never listed, whatever other phrase word it is near.
inflections = {p + ending for p in phrase_words for ending in ('s', 'es')}
inflections |= {p[:-len(ending)] for p in phrase_words for ending in ('s', 'es') if p.endswith(ending)}
real = near(dictionary - phrase_words - inflections, phrase_words)
form_candidates = near(forms - phrase_words - inflections, phrase_words)
real |= {w for w in form_candidates
         if any(len(t) >= 5 and distance(w, t, allowed(w, t)) <= allowed(w, t) and not same_form(w, t) for t in phrase_words)}

stems = set()
for language in ('en', 'es'):
    stemmer = snowballstemmer.stemmer('english' if language == 'en' else 'spanish')
    crisis = safety['crisis']
    phrase_stems = set()
    for key in ('signs', 'not_crisis'):
        for phrase in (crisis.get(key) or {}).get(language) or []:
            phrase_stems.update(stemmer.stemWord(w) for w in tokens(phrase))
    # Every typed word is stemmed by both languages' stemmers, whatever its language.
    stem_of = {}
    for word in dictionary:
        stem_of.setdefault(stemmer.stemWord(word), set()).add(word)
    close = near(set(stem_of) - phrase_stems, phrase_stems)
    for stem in close:
        def same_lemma(word):
            return word in dictionaries[language] and any(
                len(p) >= 5 and distance(stem, p, allowed(stem, p)) <= allowed(stem, p)
                and stem[:min(len(stem), len(p)) - allowed(stem, p)] == p[:min(len(stem), len(p)) - allowed(stem, p)] for p in phrase_stems)
        if not any(same_lemma(word) for word in stem_of[stem]):
            stems.add(stem)

with open('bot/Safety/RealWords.txt', 'w', encoding='utf-8') as out:
    out.write('# Generated by tests/tools/real-words.py from the Debian word lists wamerican (SCOWL), wspanish and hunspell-es: real words\n')
    out.write('# within typo distance of a word of knowledge/safety.yaml, and the stems of real words within typo distance of a\n')
    out.write("# crisis phrase's stem. Typed exactly, they are themselves, not typos of it.\n")
    for word in sorted(real | stems):
        out.write(word + '\n')
print(f'{len(real)} real words near {len(phrase_words)} phrase words; {len(stems - real)} more stems near crisis stems', file=sys.stderr)
