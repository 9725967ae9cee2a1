import json, pandas as pd, opencc, collections
df = pd.read_csv('/work/.ck2/articles.csv', dtype=str, keep_default_na=False)
assert list(df.columns)==['id','date','source','title','text'] and len(df)==24
convs = {k: opencc.OpenCC(k) for k in ['t2s','tw2sp','hk2s']}
TRAD = {'c09','c10','c11','c12','c13','c14'}
checks = [json.loads(l) for l in open('/work/.ck2/checklist.jsonl',encoding='utf-8')]
KINDS={'entity','not_entity','role','quote','not_quote','reporter','source','furniture','clean_keeps','not_keyword','keyword','tone','entity_tone','date','simplified'}
by = collections.defaultdict(list)
for c in checks: by[c['id']].append(c); assert c['kind'] in KINDS, c
bad=0
for _, r in df.iterrows():
    n=len(r.text); cs=by[r.id]
    if not (300<=n<=800): print('LEN', r.id, n); bad+=1
    if not (7<=len(cs)<=9): print('NCHK', r.id, len(cs)); bad+=1
    texts = [convs[k].convert(r.text) for k in (['t2s'] if r.id in TRAD else [])] or [r.text]
    reg = convs['tw2sp' if r.id in {'c12','c13','c14'} else 'hk2s'].convert(r.text) if r.id in TRAD else None
    if r.id in TRAD and r.text==texts[0]: print('NOT TRAD', r.id)
    if r.text.split('\n')[0].strip()!=r.title: print('NOHEAD', r.id)
    for c in cs:
        for k,v in c.items():
            if k in ('id','kind','label') or (c['kind'] in ('tone','entity_tone','date') and k=='value'): continue
            for t in texts:
                if v not in t: print('MISSING', r.id, c['kind'], k, v); bad+=1
            if reg is not None and v not in reg: print('  (regional-table differs)', r.id, c['kind'], k, v)
        if c['kind']=='quote' or c['kind']=='not_quote':
            if c['kind']=='quote' and not 6<=len(c['contains'])<=15: print('QLEN', c)
        if c['kind']=='date': assert r.date=='', r.id
for r in df.itertuples():
    if r.date=='' and not any(c['kind']=='date' for c in by[r.id]): print('NODATECHK', r.id)
print('bad', bad, 'checks', len(checks), 'empty dates', (df.date=='').sum())
print(collections.Counter(c['kind'] for c in checks))
