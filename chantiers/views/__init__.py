"""The chantiers' pages: overview, chantier pages and objectives (chantiers.py), progress
reports and their workflow (reports.py)."""
