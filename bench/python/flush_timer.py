"""The flush workload of FlushTimer.java, in the Python transports package: the same catalog shape
(about 12 Value nodes per item), one changed leaf per flush. Prints one line: 'median_us=<x> p90_us=<y>'."""
import statistics
import sys
import time

from pydantic import BaseModel

import transports


class Dims(BaseModel):
    w: float
    h: float


class Item(BaseModel):
    id: int
    label: str
    price: float
    qty: int
    active: bool
    tags: list[str]
    dims: Dims


class Catalog(BaseModel):
    name: str
    items: list[Item]


def main() -> None:
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    n = nodes // 12
    catalog = Catalog(
        name="catalog",
        items=[
            Item(id=i, label=f"item {i}", price=i * 1.25, qty=i % 17, active=i % 2 == 0,
                 tags=[f"t{i % 5}", f"u{i % 7}"], dims=Dims(w=i % 3, h=i % 11 + 0.5))
            for i in range(n)
        ],
    )
    session = transports.Session()
    session.host(catalog)
    times = []
    for tick in range(1, rounds + 1):
        catalog.items[tick % n].qty = tick + 1000
        start = time.perf_counter()
        out = session.drain()
        times.append(time.perf_counter() - start)
        assert len(out) == 1 and len(out[0][1]["ops"]) == 1, out
    times = times[rounds // 5:]  # drop warm-up
    times.sort()
    print(f"median_us={statistics.median(times) * 1e6:.1f} p90_us={times[int(len(times) * 0.9)] * 1e6:.1f}")


if __name__ == "__main__":
    main()
