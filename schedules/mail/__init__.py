"""Mail that really leaves: every message is first a row (`models.mail.OutgoingMail`), then delivered.

The API other features use:

- `queue_mail(db, to=..., kind=..., language="ko"|"en", subject=..., text=..., html=...,
  attachments=[(filename, content_type, bytes)], company_id=..., event_id=...)`
  (`schedules.mail.outbox`) adds the message in the caller's transaction; nothing is sent
  if that transaction rolls back. After the commit, the app's delivery runner starts.
- `queue_to_compose(db, composer=..., to=..., ...)` queues a row whose body a registered
  composer (`schedules.mail.composers`) writes at delivery, for mails too costly to write
  in the request (the agenda mails of a publication).
- `render(Letter(...))` (`schedules.mail.compose`) gives the plain text and HTML of a letter;
  `mail_labels(language)` (`schedules.mail.language`) translates its words outside a request.
- `deliver_pending(make_session, postman)` (`schedules.mail.delivery`) sends what is due:
  claimed, sent, marked sent; failures retry with backoff (1 min, 5 min, 30 min, 2 h), then
  `failed` with the last error. `postman_for(settings)` (`schedules.mail.jobs`) builds the postman.
- A command that must return once its mails are out (`run.py invite`, `publish`, `withdraw`):
  `after = last_mail_id(db)`, make the change and commit, then
  `settle(make_session, postman_for(settings), mail_ids_after(db, after))` -> (sent, failed)
  (`schedules.mail.commands`).
- Delivery runs in a thread of the web process, or as RQ jobs (queue `matchweek-mail`) on
  `run.py worker` when REDIS_URL is set; `run.py deliver-mail` sends what is due from the
  command line, and a worker does so when it starts.
"""
