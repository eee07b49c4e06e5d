"""Layer 7, analysis: reconciliation over time, changes between runs, scores against gold."""
