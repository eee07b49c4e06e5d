"""Layer 1, documents in: files found, decoded, front matter read, language told."""
