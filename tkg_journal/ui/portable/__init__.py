"""The whole journal in and out of the app: File ▸ Export journal…"""
