"""Every file format read and written, and safe output."""
