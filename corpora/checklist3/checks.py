# Small constructors for checklist rows (the article id is added by build.py).
def E(name, label): return {"kind": "entity", "name": name, "label": label}
def NE(name): return {"kind": "not_entity", "name": name}
def R(person, title, org): return {"kind": "role", "person": person, "title": title, "org": org}
def Q(speaker, contains): return {"kind": "quote", "speaker": speaker, "contains": contains}
def NQ(contains): return {"kind": "not_quote", "contains": contains}
def REP(name): return {"kind": "reporter", "name": name}
def SRC(name): return {"kind": "source", "name": name}
def F(contains): return {"kind": "furniture", "contains": contains}
def K(contains): return {"kind": "clean_keeps", "contains": contains}
def KW(term): return {"kind": "keyword", "term": term}
def NKW(term): return {"kind": "not_keyword", "term": term}
def T(value): return {"kind": "tone", "value": value}
def ET(name, value): return {"kind": "entity_tone", "name": name, "value": value}
def D(value): return {"kind": "date", "value": value}
def S(contains): return {"kind": "simplified", "contains": contains}
