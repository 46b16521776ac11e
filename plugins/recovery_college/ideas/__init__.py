"""100 ways to support recovery: the booklet's sections and ideas, their pages and card deck."""
