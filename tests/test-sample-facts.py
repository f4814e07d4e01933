#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sample campaign says only what its sources say.

tests/data/sample-facts.json lists the facts of data/sample-campaign.json, each
with the source document it comes from and a short quote of that document:

    {"record": "case-maks-bokayev", "field": "city", "value": "Atyrau",
     "seed": "004", "quote": "… civil society activists in the city of Atyrau."}

`seed` names the source document the sample is built from, by number: "000"
the transcript of Alnur Ilyashev's final speech in court, "001" an interview
with him (English, with the Russian original), "002" ACCA's report of his
arrest, "003" Amnesty International's UA 065/20, "004" the Open Dialogue
Foundation's report of 2017 on politically motivated prosecutions in
Kazakhstan.

Both ways are checked:
  1. every fact is in the sample, at the record and field it names;
  2. every name, date, article, status, city, country, role, salutation,
     handle, email, phone, address, web form, office, key point and post of
     the sample is a fact — so a salutation, a country or a spelling that no
     source gives fails here.
A text of `translations` whose language object says `"translated_from"` is
the file author's translation: it needs no fact of its own, but the text it
translates must be covered, and a translated list has as many entries as the
list it translates.

Fields are named as in the file; `charges[2].article` is the second charge's
article (counted from 1, as the importer's messages count); a field that is a
list (`other_names`, `key_points`, `posts`…) holds the value as one of its
entries; `translations.ru.name` is a text of a translation. A news item
(an item without `_dossier`) has `date_published`, compared by its date.

A country is stored and written as its ISO 3166-1 code ("KZ") while the
sources name it in words: a fact of a `country` holds the name its source
gives, which must be one of the English names iso-codes lists for the code
the sample writes (its name, common name or official name).

Run: test-sample-facts.py SAMPLE FACTS ISO_3166_JSON (TAP on standard output).
"""

import json
import re
import sys

# What the facts must cover, by record type: fields of one value, and lists.
CHECKED = {
    'case': ['name', 'country', 'city', 'role', 'status', 'prisoner_of_conscience'],
    'case_event': ['date', 'new_status'],
    'target': ['name', 'office', 'organisation', 'address', 'email', 'phone', 'fax', 'web_form',
               'salutation', 'language', 'country', 'held_from', 'held_to'],
    'urgent_action': ['reference', 'ua_index', 'kind', 'title', 'issued', 'deadline', 'status', 'language'],
}
CHECKED_LISTS = {
    'case': ['other_names'],
    'case_event': [],
    'target': ['handles'],
    'urgent_action': ['key_points', 'posts', 'hashtags', 'languages'],
}
CHARGE_FIELDS = ['code', 'article', 'part']
TRANSLATED = {
    'case': ['name'],
    'case_event': [],
    'target': ['name', 'office', 'organisation', 'address', 'salutation'],
    'urgent_action': ['title', 'key_points', 'posts'],
}
SOURCES = {'000', '001', '002', '003', '004'}


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, problems=()):
        self.n += 1
        if not ok:
            self.failed += 1
        print(('ok' if ok else 'not ok') + f' {self.n} - {name}')
        for p in problems[:50]:
            print(f'# {p}')
        if len(problems) > 50:
            print(f'# … and {len(problems) - 50} more')


def country_names(path):
    """code → the English names iso-codes gives the country."""
    with open(path, encoding='utf-8') as f:
        entries = json.load(f)['3166-1']
    return {e['alpha_2']: {e[k] for k in ('name', 'common_name', 'official_name') if k in e}
            for e in entries}


def records(sample):
    """id → (type, object) for the records and the news items of the sample."""
    out = {}
    for item in sample['items']:
        d = item.get('_dossier')
        if d:
            out[d['id']] = (d['type'], d)
        else:
            out[item['id']] = ('news', item)
    return out


def values_at(obj, path):
    """The values at @path in @obj: one for a field, each entry for a list;
    None when the path leads nowhere."""
    node = obj
    for part in path.split('.'):
        m = re.fullmatch(r'([a-z_]+)(?:\[(\d+)\])?', part)
        if not m or not isinstance(node, dict) or m.group(1) not in node:
            return None
        node = node[m.group(1)]
        if m.group(2) is not None:
            i = int(m.group(2)) - 1
            if not isinstance(node, list) or not 0 <= i < len(node):
                return None
            node = node[i]
    if node is None:
        return None
    return node if isinstance(node, list) else [node]


def checked_values(kind, obj):
    """(path, value, source path) for every value of @obj the facts must cover;
    source path is set for a translated text: the field it translates."""
    if kind == 'news':
        if obj.get('date_published'):
            yield 'date_published', obj['date_published'][:10], None
        return
    for field in CHECKED[kind]:
        v = obj.get(field)
        if v is None or v == '' or v is False:
            continue
        yield field, v, None
    for field in CHECKED_LISTS[kind]:
        for v in obj.get(field) or []:
            yield field, v, None
    if kind == 'urgent_action':
        for lang, url in (obj.get('documents') or {}).items():
            yield f'documents.{lang}', url, None
    if kind == 'case':
        for n, charge in enumerate(obj.get('charges') or [], 1):
            for field in CHARGE_FIELDS:
                if charge.get(field):
                    yield f'charges[{n}].{field}', charge[field], None
            for lang, texts in (charge.get('translations') or {}).items():
                for field in CHARGE_FIELDS:
                    if texts.get(field):
                        source = f'charges[{n}].{field}' if texts.get('translated_from') else None
                        yield f'charges[{n}].translations.{lang}.{field}', texts[field], source
    for lang, texts in (obj.get('translations') or {}).items():
        for field in TRANSLATED[kind]:
            v = texts.get(field)
            if v is None:
                continue
            source = field if texts.get('translated_from') else None
            for entry in v if isinstance(v, list) else [v]:
                yield f'translations.{lang}.{field}', entry, source


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding='utf-8') as f:
        sample = json.load(f)
    with open(sys.argv[2], encoding='utf-8') as f:
        facts = json.load(f)
    countries = country_names(sys.argv[3])
    recs = records(sample)
    tap = Tap()
    print('TAP version 13')

    # the facts are well formed
    problems = []
    for i, fact in enumerate(facts, 1):
        missing = [k for k in ('record', 'field', 'value', 'seed', 'quote') if k not in fact]
        if missing:
            problems.append(f'fact {i} lacks {", ".join(missing)}')
        elif fact['seed'] not in SOURCES:
            problems.append(f'fact {i} ({fact["record"]} {fact["field"]}): no source document “{fact["seed"]}”')
        elif not str(fact['quote']).strip():
            problems.append(f'fact {i} ({fact["record"]} {fact["field"]}): no quote')
    tap.check(not problems, f'the {len(facts)} facts name a record, a field, a value, a source and a quote', problems)

    # 1. every fact is in the sample
    problems = []
    covered = set()
    for fact in facts:
        rec = recs.get(fact['record'])
        if rec is None:
            problems.append(f'{fact["record"]}: no such record in the sample')
            continue
        kind, obj = rec
        found = values_at(obj, fact['field'])
        if kind == 'news' and fact['field'] == 'date_published' and found:
            found = [found[0][:10]]
        value = fact['value']
        if fact['field'] == 'country' and found:
            # the code the sample writes, when the fact is one of its names
            value = next((code for code in found if value in countries.get(code, ())), value)
            if value not in found and any(code in countries for code in found):
                problems.append(f'{fact["record"]} country: the sample\'s code {found!r} is not the country '
                                f'{fact["value"]!r}')
                continue
        if found is None or value not in found:
            problems.append(f'{fact["record"]} {fact["field"]}: the sample does not hold {fact["value"]!r} '
                            f'(it holds {found!r})')
            continue
        covered.add((fact['record'], re.sub(r'\[\d+\]$', '', fact['field']), json.dumps(value)))
    tap.check(not problems, 'every fact is in the sample where it says', problems)

    # 2. every value of the sample is a fact, or translates one
    problems = []
    n_values = 0
    for rid, (kind, obj) in recs.items():
        for path, value, source in checked_values(kind, obj):
            n_values += 1
            if source is None:
                if (rid, path, json.dumps(value)) not in covered:
                    problems.append(f'{rid} {path} = {value!r}: no source says so (no fact)')
                continue
            # a translation: what it translates is covered, entry for entry
            originals = values_at(obj, source) or []
            if not originals:
                problems.append(f'{rid} {path} = {value!r}: translates “{source}”, which the record lacks')
            for original in originals:
                if (rid, source, json.dumps(original)) not in covered:
                    problems.append(f'{rid} {path} = {value!r}: translates {original!r}, which no fact covers')
            entries = values_at(obj, path) or []
            if len(entries) != len(originals):
                problems.append(f'{rid} {path}: {len(entries)} entries translate {len(originals)}')
    problems = list(dict.fromkeys(problems))
    tap.check(not problems, f'each of the sample’s {n_values} names, dates, places, roles, statuses, '
              f'contacts, asks and posts is a fact of a source or a translation of one', problems)

    # a country is written as its code
    problems = []
    for rid, (kind, obj) in recs.items():
        country = obj.get('country') if kind in ('case', 'target') else None
        if country and country not in countries:
            problems.append(f'{rid} country = {country!r}: not an ISO 3166-1 code')
    tap.check(not problems, 'every country is written as its ISO 3166-1 code', problems)

    # every record says where its facts come from
    problems = []
    for rid, (kind, obj) in recs.items():
        if kind in ('case', 'urgent_action', 'target') and not obj.get('sources'):
            problems.append(f'{rid}: no sources')
        if kind == 'case_event' and not obj.get('source'):
            problems.append(f'{rid}: no source')
    tap.check(not problems, 'every case, urgent action and target lists its sources, every event its source',
              problems)

    print(f'1..{tap.n}')
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
