"""Small pieces shared by every app: abstract model bases and bilingual text helpers."""
