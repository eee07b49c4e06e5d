"""The foundation every layer may use: paths, errors, atomic writes, number formatting."""
