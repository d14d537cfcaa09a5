"""Healthcare professionals' access requests: email first, a guided wizard, pre-checks, status."""
