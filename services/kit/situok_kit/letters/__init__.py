"""What every printed letter of the platform shares (reportlab, A4): Indonesian formatting of money, number
words and dates (``formatting``), paragraph styles and margins (``styles``), the kop surat (``kop``), the
verification QR code (``qr``), layout helpers — fields, numbered lists, signature blocks, the draft/cancelled
watermark, ``build_pdf`` (``layout``) — and the records they take (``data``: ``Kop``, ``Signer``, ``Person``).

Travel's SPT/SPPD and finance's SPJ, kuitansi and books are built from these, so a letterhead or a signature
block looks the same on every letter the bureau prints.
"""
