"""Appraisal pages: the SKP and its evaluation (skp), and the appraiser's team, the
unit distribution and the talent grid (team)."""
