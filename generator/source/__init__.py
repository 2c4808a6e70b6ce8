"""Stage 1, the inputs: the project folder and its guarded reader, YAML read safely, the content model,
clinic profiles and our small inline markup. Everything here is checked as it is read."""
