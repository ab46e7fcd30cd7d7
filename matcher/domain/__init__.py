"""What a matchmaking event and its schedule are, and the rules written once.

``instance`` and ``schedule`` are the value types; ``rules`` holds each hard
rule as a small function that greedy, the solver's search space and the
validator all call; ``scoring`` the default pair score and idle gaps (the one
definition every model's encoding is tested against); ``objective`` the levels
a schedule is ranked by; ``validator`` names every broken rule.
"""
