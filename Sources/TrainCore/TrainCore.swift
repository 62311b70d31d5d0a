// TrainCore: see DESIGN.md. Sources arrive with the issue that builds this module.
