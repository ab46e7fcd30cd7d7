"""What a company does for itself: register, keep its profile, find partners, ask to meet, read its agenda.

Plain functions over a database session and ids; the web views call them.
"""
