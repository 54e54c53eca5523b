"""The README's Dask recipe, run by `make test`: a dask.bag of articles piped, partition by
partition, through `tusj annotate --jsonl -`. Checks that every article comes back, in
order, with the document `tusj annotate FILE` gives it.

usage: python tests/dask/recipe.py PATH/TO/tusj
"""
import glob
import json
import os
import subprocess
import sys

import dask.bag as db

TUSJ = sys.argv[1]


# --- the recipe (README, «Batch work») ------------------------------------------------------
def annotate_partition(articles):
    """Pipes one partition of {"id", "text"} records through tusj; returns its documents."""
    lines = "".join(json.dumps({"id": a["id"], "text": a["text"]}) + "\n" for a in articles)
    done = subprocess.run(
        [TUSJ, "annotate", "--jsonl", "-"],
        input=lines.encode("utf-8"),
        stdout=subprocess.PIPE,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    seeds = sorted(glob.glob(os.path.join(here, "..", "..", "seeds", "*.txt")))
    texts = [open(p, encoding="utf-8").read() for p in seeds]
    articles = [{"id": f"a{k}", "text": texts[k % len(texts)]} for k in range(24)]

    bag = db.from_sequence(articles, npartitions=4)
    docs = bag.map_partitions(annotate_partition).compute()

    assert [d["id"] for d in docs] == [a["id"] for a in articles], "every article, in order"
    for path, text in zip(seeds, texts):
        want = json.loads(subprocess.run([TUSJ, "annotate", path], stdout=subprocess.PIPE,
                                         check=True).stdout)
        got = [d for d in docs if d["text"] == text]
        assert got, path
        for d in got:
            d = dict(d)
            del d["id"]
            assert d == want, f"{path}: the Dask run differs from tusj annotate"
    names = sum(len(d["annotations"]) for d in docs)
    assert names > 0
    print(f"dask recipe: {len(docs)} articles in {bag.npartitions} partitions, "
          f"{names} annotations, same as tusj annotate")


if __name__ == "__main__":
    main()
