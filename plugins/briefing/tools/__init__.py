"""Tools: measure and learn (evaluation, benchmarks, the stance-frame table, PolNeAR
readers). Nothing in the product imports this package; it imports the product."""
