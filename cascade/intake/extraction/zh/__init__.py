"""Chinese: figures (``figures``) and meetings (``meetings``)."""
