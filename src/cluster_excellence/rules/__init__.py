"""Pure functions over the value types, and the result types they return."""
