import sys

from beratungsdesk.launch import main

sys.exit(main())
