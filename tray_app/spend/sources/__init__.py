"""Where each agent keeps its logs and how one line (or row) becomes a `Usage`: read only."""
