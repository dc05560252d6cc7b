"""Value types only: tiers, rulebooks, assessments, clusters, catalogues. No I/O."""
