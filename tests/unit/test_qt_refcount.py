"""PySide6 6.12.0 on Python 3.11 aborts with 'none_dealloc' after about a thousand
calls of a Qt method that returns None. The pinned version must not."""

from __future__ import annotations

import os
import subprocess
import sys

LOOP = """
from PySide6.QtCore import QObject
for _ in range(20000):
    QObject().setObjectName("x")
print("survived")
"""


def test_many_calls_of_a_void_qt_method_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
