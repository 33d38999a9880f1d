"""SITU OK personnel service: org units, positions, employees, accounts, login and sessions."""
