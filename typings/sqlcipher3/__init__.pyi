# Type information for sqlcipher3, which ships none. Its module is the standard library's
# sqlite3 (the same C source, built against SQLCipher), so its classes are typed as sqlite3's.
# Only the names this project uses are listed; mypy finds this folder through `mypy_path`.
from sqlite3 import SQLITE_BUSY as SQLITE_BUSY
from sqlite3 import SQLITE_CANTOPEN as SQLITE_CANTOPEN
from sqlite3 import SQLITE_CONSTRAINT as SQLITE_CONSTRAINT
from sqlite3 import SQLITE_CORRUPT as SQLITE_CORRUPT
from sqlite3 import SQLITE_FULL as SQLITE_FULL
from sqlite3 import SQLITE_IOERR as SQLITE_IOERR
from sqlite3 import SQLITE_LOCKED as SQLITE_LOCKED
from sqlite3 import SQLITE_NOTADB as SQLITE_NOTADB
from sqlite3 import SQLITE_PERM as SQLITE_PERM
from sqlite3 import SQLITE_READONLY as SQLITE_READONLY
from sqlite3 import Connection as Connection
from sqlite3 import Cursor as Cursor
from sqlite3 import DatabaseError as DatabaseError
from sqlite3 import Error as Error
from sqlite3 import IntegrityError as IntegrityError
from sqlite3 import OperationalError as OperationalError
from sqlite3 import Row as Row
from sqlite3 import connect as connect
