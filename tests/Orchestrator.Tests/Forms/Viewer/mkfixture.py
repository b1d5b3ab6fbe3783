import json, sys
schema = json.load(open(sys.argv[1])); out = json.load(open(sys.argv[2])); cases = json.load(open(sys.argv[3]))
paths = {}
def walk(comps, prefix, inlist):
    for c in comps:
        t = c['type']
        if 'key' in c and t not in ('group','dynamiclist'):
            paths[c['id']] = (prefix, c['key'], inlist)
        if t == 'group':
            walk(c.get('components', []), prefix + ([c['path']] if c.get('path') else []), inlist)
        if t == 'dynamiclist':
            walk(c.get('components', []), prefix + [c['path']], True)
walk(schema['components'], [], False)
res = []
for o, c in zip(out, cases):
    fields = []
    for fid, errs in o['errors'].items():
        prefix, key, inlist = paths[fid]
        if inlist:
            for i, e in enumerate(errs):
                if e: fields.append('.'.join(prefix) + f'[{i}].' + key)
        else:
            fields.append('.'.join(prefix + [key]))
    res.append({'name': o['name'], 'variables': c['data'], 'submitted': o['data'], 'viewerErrors': o['errors'], 'errorFields': sorted(fields)})
print(json.dumps(res, indent=2))
