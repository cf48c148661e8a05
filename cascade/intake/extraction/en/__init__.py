"""English: figures (``figures``) and meetings (``meetings``)."""
