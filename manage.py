#!/usr/bin/env python
from cascade.cli import main

if __name__ == "__main__":
    main()
