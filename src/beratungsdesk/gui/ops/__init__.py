"""GUI operations: one function per thing a person does, one module per area.

Each function is named after the operation and returns the job that runs on the store's
worker thread; the view starts it with ``runner.call(job, done, failed, owner)``.
"""
