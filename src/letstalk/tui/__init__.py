"""The Textual views of letstalk. Only this package imports textual."""
