"""Group session plans: the facilitator's page, the overview and the participant handouts."""
