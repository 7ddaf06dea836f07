"""GraphQL API server for a classifieds marketplace."""
