"""Users, roles, keys and the other guards of a shared, sometimes stolen, township PC."""
