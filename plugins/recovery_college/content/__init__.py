"""The loading core: YAML with positions, typed models, validation, messages, languages.

It knows no kind of content. Each kind (courses, ideas, ...) gives it a `Kind`: the front
matter model of its folder and a function that loads and checks its data; `engine.assembly`
hands the kinds to `load_project`.
"""
