import tomllib, os, datetime, re, glob
os.chdir('/work/main/corpus')
d = tomllib.load(open('expected.toml','rb'))
ok = True
def has(f, t):
    global ok
    if not os.path.exists(f): print('MISSING FILE', f); ok=False; return
    if t not in open(f, encoding='utf-8').read(): print('NOT FOUND', f, repr(t)); ok=False
files = set()
for a in d['article']:
    f = a['file']; files.add(f)
    cl = a.get('claim', [])
    kinds = {c['kind'] for c in cl}
    print(f"{f:35s} ref={a.get('reference_date','-'):10s} claims={len(cl):2d} absent={len(a.get('absent',[]))} kinds={sorted(kinds)}")
    for c in cl + a.get('absent', []):
        assert c['kind'] in {'date','duration','percentage','number','money','actor','quote'}, c
        has(f, c['text'])
    if 'reference_date' in a: datetime.date.fromisoformat(a['reference_date'])
    # weekday sanity
    for c in cl:
        if c['kind']=='date' and 'value' in c and re.fullmatch(r'\d{4}-\d\d-\d\d', c['value']):
            wd = datetime.date.fromisoformat(c['value']).strftime('%A')
            for w in ['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday']:
                if w in c['text'] and w != wd: print('WEEKDAY MISMATCH', f, c); ok=False
for sec in ['conflict','corroboration','non_conflict']:
    for x in d.get(sec, []):
        for s in x['sides']: has(s['file'], s['text'])
    print(sec, len(d.get(sec, [])))
disk = set(os.path.basename(p) for p in glob.glob('*.txt'))
print('files on disk not in toml:', disk - files, ' in toml not on disk:', files - disk)
tot = 0
for p in sorted(disk):
    n = len(open(p, encoding='utf-8').read().split()); tot += n
    assert 250 <= n <= 600, (p, n)
print('total words', tot, 'OK' if ok else 'PROBLEMS')
