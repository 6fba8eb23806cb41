"""Use cases: each public call is one transaction and returns plain read objects."""
