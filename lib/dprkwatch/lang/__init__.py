"""Layer 2, languages: the packs (YAML data, validated), their compiled terms, sentence splitting."""
